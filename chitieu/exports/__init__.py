"""Documents out: the province's tables as Word (Decree 30 layout), Excel and PDF."""
