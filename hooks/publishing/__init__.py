"""What a host needs: the hosting files, the pages' addresses, the leaflet PDFs."""
