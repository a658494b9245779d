"""In-app notices: what each person sees behind the bell in the header."""
