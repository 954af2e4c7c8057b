"""A minimal Streamlit page for tests/e2e/test_harness.py (not the explorer)."""

import streamlit as st

st.write("probe")
