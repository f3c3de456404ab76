# Oldest otherlib server protocol we can talk to; unrelated to our own version.
MIN_SERVER_PROTOCOL = "2.3.9"
