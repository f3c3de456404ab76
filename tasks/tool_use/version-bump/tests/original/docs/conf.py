project = "quickmath"
release = "2.3.9"
version = "2.3"
extensions = []
