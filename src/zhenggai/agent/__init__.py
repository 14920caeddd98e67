"""The extraction agent: the stage pipeline, and (with an endpoint) the LLM path and its providers."""
