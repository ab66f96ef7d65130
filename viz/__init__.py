"""plankg.viz"""
