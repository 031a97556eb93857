"""The static site: its rebuild after public changes, the Atom feed, serving the built site locally."""
