"""YAML in: the strict subset reader of front matter and the config (`subset`), ruamel.yaml with
positions so that every problem has a file:line:column (`positions`), the typed records rule
files and the config are read into (`records`), and their validation by pydantic, imported only
when something must be validated (`validation`)."""
