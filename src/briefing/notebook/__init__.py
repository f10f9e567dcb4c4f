"""What chapters' code cells call: tables, interactive tables, charts, the explorer, the .ipynb, JupyterLab support."""
