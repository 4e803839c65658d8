"""Text of documents: tokens and segmentation, folding, the user dictionary, stop words,
keywords, watch words, the highlight model and the phrase finder."""
