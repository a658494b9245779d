"""The demo accounts the load test plays (chitieu/reporting/demo.py), shared by the command that
signs them in and the Locust users, which must not import each other (Locust patches the process)."""

REPORTERS = ("nnmt", "yte", "giaoduc")
PASSWORD = "chitieu-demo"
