"""sitrep.cli"""
