"""linter/judge"""
