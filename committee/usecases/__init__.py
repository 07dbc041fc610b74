"""What the CLI and the UI call: a session in, plain records out."""
