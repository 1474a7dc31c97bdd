"""What touches MkDocs, mkdocs-static-i18n or the theme: the rest of the package knows nothing of them."""
