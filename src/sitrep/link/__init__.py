"""sitrep.link"""
