"""sitrep.data.coding: the trained event-type model."""
