"""The embedded OpenAI-compatible reference server and its models (`ref/oracle`, `ref/null`)."""
