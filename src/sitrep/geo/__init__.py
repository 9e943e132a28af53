"""sitrep.geo"""
