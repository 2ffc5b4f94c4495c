"""Starting a series, a module or a handout from commented starter files."""
