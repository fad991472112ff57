"""File imports: one module per format or vendor export."""
