"""Campaign models live here (campaigns may import education; never the other way round)."""
