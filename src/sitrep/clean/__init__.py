"""sitrep.clean"""
