"""sitrep.coding"""
