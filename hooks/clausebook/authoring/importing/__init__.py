"""importing"""
