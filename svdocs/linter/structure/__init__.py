"""linter/structure"""
