"""Regenerate the Markdown pages made from data (run by `make pages`); tests check they are up to date."""
from partycorpus.glossary import write_glossary_page

if __name__ == "__main__":
    print("wrote", write_glossary_page())
