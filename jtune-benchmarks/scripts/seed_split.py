#!/usr/bin/python3
"""Writes the seed example's data exactly as seed_example.py sees it, for `seed --csv FILE`.

make_classification(n_samples=1000, n_features=20, n_classes=2, random_state=42), then
train_test_split(test_size=0.2, random_state=42): the 800 training rows first (in the split's
order), then the 200 test rows. Columns f0..f19 and label.

  /usr/bin/python3 jtune-benchmarks/scripts/seed_split.py /tmp/seed_split.csv
"""
import sys

from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

X, y = make_classification(n_samples=1000, n_features=20, n_classes=2, random_state=42)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
with open(sys.argv[1], "w") as f:
    f.write(",".join(f"f{i}" for i in range(20)) + ",label\n")
    for rows, labels in ((X_train, y_train), (X_test, y_test)):
        for row, label in zip(rows, labels):
            f.write(",".join(repr(float(v)) for v in row) + f",{int(label)}\n")
