"""sitrep.data"""
