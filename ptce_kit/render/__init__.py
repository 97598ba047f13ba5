"""Documents and maps made from a pole's data."""
