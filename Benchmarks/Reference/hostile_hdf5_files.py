"""Writes small, valid-but-hostile HDF5 files for LearnHDF5's untrusted-input tests.

Each file is legal HDF5 (h5py writes it) but asks a careless reader to do something harmful: allocate
2^40 elements from a 4 KB file, read a null dataspace as a scalar, follow a link cycle forever, open
another file named by the file, or read values that are not stored. The tests expect a LearnError for
each. Run: python hostile_hdf5_files.py ../../Tests/LearnHDF5Tests/Resources/Hostile
"""
import os
import sys

import h5py
import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


with h5py.File(path("null_dataspace.h5"), "w") as f:
    f.attrs["empty"] = h5py.Empty("f8")
    f.create_dataset("x", data=h5py.Empty("f8"))

with h5py.File(path("huge_chunked.h5"), "w") as f:
    # 2^40 float64 values declared, one 128-byte chunk stored.
    d = f.create_dataset("x", shape=(2**20, 2**20), chunks=(1, 16), dtype="f8")
    d[0, :16] = np.arange(16.0)
    # 24 MB declared, nothing stored: over the unstored allowance.
    f.create_dataset("unstored", shape=(1, 3_000_000), chunks=(1, 1024), dtype="f8")
    # 8 MB declared, nothing stored: fill values, read as zeros.
    f.create_dataset("fill", shape=(1000, 1000), chunks=(100, 100), dtype="f8")
    # A dimension that does not fit in Int (2^63).
    f.create_dataset("wide", shape=(0,), maxshape=(None,), chunks=(8,), dtype="f8")

with h5py.File(path("links.h5"), "w") as f:
    f.create_group("a")
    f["a/loop"] = f["a"]  # a hard link back to its own group: a cycle
    f["soft_cycle"] = h5py.SoftLink("/soft_cycle")
    f["elsewhere"] = h5py.ExternalLink("/etc/hostname", "/")
    f.create_dataset("a/x", data=np.arange(3.0))

with h5py.File(path("external_storage.h5"), "w") as f:
    f.create_dataset("x", shape=(4,), dtype="f8", external=[("/etc/hostname", 0, 32)])

with h5py.File(path("virtual_source.h5"), "w") as f:
    f.create_dataset("data", data=np.arange(4.0))
with h5py.File(path("virtual.h5"), "w") as f:
    layout = h5py.VirtualLayout(shape=(4,), dtype="f8")
    layout[:] = h5py.VirtualSource("virtual_source.h5", "data", shape=(4,))
    f.create_virtual_dataset("x", layout)

with h5py.File(path("strings.h5"), "w") as f:
    f.attrs["fixed"] = np.array([b"abc", b"defg"], dtype="S4")
    f.attrs["variable"] = "a variable-length string"
    f.attrs["variables"] = np.array(["one", "two", ""], dtype=h5py.string_dtype())
    f.create_dataset("names", data=np.array(["alpha", "beta"], dtype=h5py.string_dtype()))
    f.create_dataset("big_endian", data=np.arange(3.0, dtype=">f8"))
