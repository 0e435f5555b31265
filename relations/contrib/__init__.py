"""Recipes that run the library on other engines; each needs its own optional extra."""
