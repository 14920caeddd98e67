"""Accuracy evaluation against golden sets in the ``zhenggai-golden/1`` contract, and the gold checker."""
