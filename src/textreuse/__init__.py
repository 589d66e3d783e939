"""textreuse: find reused text between documents, with exact character offsets."""
