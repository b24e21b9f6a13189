"""The language server (`claimcheck lsp`): `engine` checks an article as an editor holds it,
`server` speaks the protocol (pygls, an optional dependency: `claimcheck[lsp]`)."""
