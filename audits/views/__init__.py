"""The audits app's pages, one module per sub-domain."""
