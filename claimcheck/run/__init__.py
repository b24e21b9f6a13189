"""The run stage: paths in; the documents, their claims and the findings a report shows out.

    pipeline.run        the whole run, as the commands call it; Result (result.py) is what it gives
      articles          the files under the paths, each read into a Document with its date
      executor          the step over every file, in order (in a process pool when there are many)
        step            one file: its document, claims and the document engines' findings (pure)
        store           what an earlier run learnt: entries (entries.py), stat index, join keys
      checks            the corpus engines, once over every document (not part of this stage)
      filters           disables, severities, suppression comments and the baseline

config.py reads the configuration file (what to check), options.py holds how the run goes (store,
processes, what it keeps), fixes.py applies the certain fixes of a result. Nothing here imports a
report or a command.
"""
