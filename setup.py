"""The compiled kernels, built by ``pip install`` where a C compiler and the Python
headers are present. They are optional: where the build fails, the package installs
without them and runs the same code in Python (``textreuse.text.word_spans``)."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "textreuse.text.word_spans_c",
            ["src/textreuse/text/word_spans_c.pyx"],
            optional=True,
        )
    ]
)
