project = "quickmath"
release = "2.4.0"
version = "2.4"
extensions = []
