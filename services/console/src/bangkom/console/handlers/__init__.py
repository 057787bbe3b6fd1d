"""The console's service layer: what each page needs, asked of the services' APIs."""
