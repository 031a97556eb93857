"""The comment and poll service behind the blog post."""
