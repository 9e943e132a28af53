"""sitrep.checks"""
