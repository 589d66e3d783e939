"""The compiled kernels, built by ``pip install`` where a C compiler and the Python
headers are present. They are optional: where the build fails, the package installs
without them and runs the same code in Python (see ``textreuse.implementation``)."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(name, [f"src/{name.replace('.', '/')}.pyx"], optional=True)
        for name in (
            "textreuse.text.word_spans_c",
            "textreuse.text.word_forms_c",
            "textreuse.aligner.gram_pairs_c",
            "textreuse.aligner.letter_grams_c",
        )
    ]
)
