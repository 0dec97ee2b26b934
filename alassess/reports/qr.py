"""QR codes for labels: module matrices from the ``qrcode`` library, fast for batches, drawn as vectors.

A batch of labels carries payloads that differ only in a few characters (the serial), so they share
a QR version and a mask. :class:`QrBatch` asks ``qrcode`` once for the version and the best mask of
the first payload and for the layout of that symbol (function patterns and the placement order of
data modules), then encodes each further payload itself: byte-mode bit stream, Reed–Solomon parity
through precomputed tables (parity is linear in the data), placement by index. Every batch checks
its first symbol against ``qrcode``'s own matrix, so the tables can never silently drift.

:func:`draw_qr` draws a matrix as one filled path of horizontal runs (vector rectangles), inside a
white quiet zone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import qrcode
from qrcode import base, constants, util

_ECC = {"L": constants.ERROR_CORRECT_L, "M": constants.ERROR_CORRECT_M, "Q": constants.ERROR_CORRECT_Q,
        "H": constants.ERROR_CORRECT_H}
_PAD = (0xEC, 0x11)


def _gf_tables() -> tuple[np.ndarray, np.ndarray]:
    exp = np.zeros(512, dtype=np.int32)
    log = np.zeros(256, dtype=np.int32)
    x = 1
    for i in range(255):
        exp[i] = x
        log[x] = i
        x <<= 1
        if x & 0x100:
            x ^= 0x11D
    exp[255:510] = exp[0:255]
    return exp, log


_EXP, _LOG = _gf_tables()


def _generator(ec_count: int) -> list[int]:
    """Coefficients (highest degree first, monic) of the QR generator polynomial of degree ``ec_count``."""
    gen = [1]
    for i in range(ec_count):  # (x - α^i)
        nxt = [0] * (len(gen) + 1)
        for j, g in enumerate(gen):
            nxt[j] ^= g
            if g:
                nxt[j + 1] ^= int(_EXP[(_LOG[g] + i) % 255])
        gen = nxt
    return gen


def _mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else int(_EXP[int(_LOG[a]) + int(_LOG[b])])


def _unit_parities(data_count: int, ec_count: int) -> np.ndarray:
    """Parity of each unit data vector: row i is x^(data_count-1-i+ec) mod g, highest degree first."""
    low = _generator(ec_count)[1:]  # x^ec ≡ low (mod g) in GF(2^8)
    out = np.zeros((data_count, ec_count), dtype=np.int32)
    r = list(low)
    for i in range(data_count - 1, -1, -1):
        out[i] = r
        # r·x mod g: shift, and fold the coefficient that overflows back in
        top = r[0]
        r = r[1:] + [0]
        if top:
            r = [a ^ _mul(top, b) for a, b in zip(r, low, strict=True)]
    return out


def _rs_parity(data: list[int], ec_count: int) -> list[int]:
    """Reed–Solomon parity of ``data`` by long division (reference for the tests)."""
    gen = _generator(ec_count)
    rem = list(data) + [0] * ec_count
    for k in range(len(data)):
        coef = rem[k]
        if coef:
            lc = int(_LOG[coef])
            for j in range(1, len(gen)):
                if gen[j]:
                    rem[k + j] ^= int(_EXP[lc + int(_LOG[gen[j]])])
    return rem[len(data):]


class _Block:
    """Parity tables of one RS block: ``table[i, v]`` is the parity of value ``v`` at position ``i``."""

    def __init__(self, data_count: int, ec_count: int) -> None:
        self.data_count = data_count
        self.ec_count = ec_count
        unit = _unit_parities(data_count, ec_count)
        values = np.arange(256, dtype=np.int32)
        # gf multiply every unit parity by every byte value
        logv = _LOG[values][None, :, None]
        logu = _LOG[unit][:, None, :]
        prod = _EXP[logv + logu]
        prod[:, 0, :] = 0
        prod[np.broadcast_to(unit[:, None, :] == 0, prod.shape)] = 0
        self.table = prod.astype(np.uint8)
        self.rows = np.arange(data_count)

    def parity(self, data: np.ndarray) -> np.ndarray:
        return np.bitwise_xor.reduce(self.table[self.rows, data], axis=0)


@dataclass(frozen=True)
class QrSymbol:
    matrix: np.ndarray  # bool, modules × modules, True = dark; row 0 at the top
    version: int

    @property
    def size(self) -> int:
        return int(self.matrix.shape[0])


class QrBatch:
    """Encode many byte payloads of the same length with one version and mask."""

    def __init__(self, first: bytes, ecc: str = "M") -> None:
        self.ecc = _ECC[ecc]
        self.length = len(first)
        probe = qrcode.QRCode(error_correction=self.ecc, border=0)
        probe.add_data(util.QRData(first, mode=util.MODE_8BIT_BYTE))
        probe.make(fit=True)
        self.version = probe.version
        self.mask = probe.best_mask_pattern()
        ref = qrcode.QRCode(version=self.version, error_correction=self.ecc, border=0, mask_pattern=self.mask)
        ref.add_data(util.QRData(first, mode=util.MODE_8BIT_BYTE))
        ref.make(fit=False)
        n = ref.modules_count
        # the function patterns and format/version information, and where the data modules go
        ref.modules = [[None] * n for _ in range(n)]
        ref.setup_position_probe_pattern(0, 0)
        ref.setup_position_probe_pattern(n - 7, 0)
        ref.setup_position_probe_pattern(0, n - 7)
        ref.setup_position_adjust_pattern()
        ref.setup_timing_pattern()
        ref.setup_type_info(False, self.mask)
        if self.version >= 7:
            ref.setup_type_number(False)
        template = np.zeros((n, n), dtype=bool)
        rows, cols = [], []
        for r in range(n):
            for c in range(n):
                if ref.modules[r][c] is not None:
                    template[r, c] = bool(ref.modules[r][c])
        inc, row = -1, n - 1
        for col in range(n - 1, 0, -2):
            if col <= 6:
                col -= 1
            while True:
                for c in (col, col - 1):
                    if ref.modules[row][c] is None:
                        rows.append(row)
                        cols.append(c)
                row += inc
                if row < 0 or row >= n:
                    row -= inc
                    inc = -inc
                    break
        self.n = n
        self.template = template
        self.rows = np.array(rows)
        self.cols = np.array(cols)
        mask_func = util.mask_func(self.mask)
        self.mask_bits = np.array([bool(mask_func(r, c)) for r, c in zip(rows, cols, strict=True)])
        self.blocks = [_Block(b.data_count, b.total_count - b.data_count)
                       for b in base.rs_blocks(self.version, self.ecc)]
        self.data_capacity = sum(b.data_count for b in self.blocks)
        self.count_bits = util.length_in_bits(util.MODE_8BIT_BYTE, self.version)
        # the first symbol must be exactly qrcode's
        expected = np.array(qrcode.QRCode.get_matrix(_with_border0(self.version, self.ecc, self.mask, first)),
                            dtype=bool)
        got = self.encode(first).matrix
        if not np.array_equal(got, expected):  # pragma: no cover - would mean a qrcode change
            raise RuntimeError("QR batch encoder disagrees with qrcode")

    def fits(self, payload: bytes) -> bool:
        return len(payload) == self.length

    def _codewords(self, payload: bytes) -> np.ndarray:
        limit = self.data_capacity * 8
        bits = (0b0100 << self.count_bits) | len(payload)
        nbits = 4 + self.count_bits
        bits = (bits << (8 * len(payload))) | int.from_bytes(payload, "big")
        nbits += 8 * len(payload)
        term = min(limit - nbits, 4)
        bits <<= term
        nbits += term
        if nbits % 8:
            bits <<= 8 - nbits % 8
            nbits += 8 - nbits % 8
        data = list(bits.to_bytes(nbits // 8, "big"))
        i = 0
        while len(data) < self.data_capacity:
            data.append(_PAD[i % 2])
            i += 1
        return np.array(data, dtype=np.uint8)

    def encode(self, payload: bytes) -> QrSymbol:
        if not self.fits(payload):
            raise ValueError("payload length differs from the batch")
        data = self._codewords(payload)
        dcs, ecs, off = [], [], 0
        for b in self.blocks:
            d = data[off:off + b.data_count]
            off += b.data_count
            dcs.append(d)
            ecs.append(b.parity(d.astype(np.intp)))
        seq: list[int] = []
        for group in (dcs, ecs):
            longest = max(len(g) for g in group)
            for i in range(longest):
                for g in group:
                    if i < len(g):
                        seq.append(int(g[i]))
        bits = np.unpackbits(np.array(seq, dtype=np.uint8)).astype(bool)
        values = np.zeros(len(self.rows), dtype=bool)
        values[:len(bits)] = bits[:len(self.rows)]
        m = self.template.copy()
        m[self.rows, self.cols] = values ^ self.mask_bits
        return QrSymbol(m, self.version)


def _with_border0(version: int, ecc: int, mask: int, payload: bytes) -> qrcode.QRCode:
    q = qrcode.QRCode(version=version, error_correction=ecc, border=0, mask_pattern=mask)
    q.add_data(util.QRData(payload, mode=util.MODE_8BIT_BYTE))
    q.make(fit=False)
    return q


def encode(payload: bytes, ecc: str = "M") -> QrSymbol:
    """One QR symbol (best mask) for ``payload``."""
    return QrBatch(payload, ecc).encode(payload)


def run_ops(matrix: np.ndarray) -> str:
    """PDF path operators (``x y w h re``, one unit per module, y up) for the dark runs of each row."""
    n = matrix.shape[0]
    padded = np.zeros((n, n + 2), dtype=np.int8)
    padded[:, 1:-1] = matrix
    edges = np.diff(padded, axis=1)
    rows, starts = np.nonzero(edges == 1)  # row-major: starts and ends pair up in order
    _, ends = np.nonzero(edges == -1)
    ys = (n - 1 - rows).tolist()
    return "\n".join(map("{} {} {} 1 re".format, starts.tolist(), ys, (ends - starts).tolist()))


def draw_qr(c, x: float, y: float, size: float, symbol: QrSymbol, quiet: int = 4) -> None:
    """Draw ``symbol`` with its quiet zone in the square (x, y, size) of the current user space."""
    total = symbol.size + 2 * quiet
    module = size / total
    c.saveState()
    c.setFillColorRGB(1, 1, 1)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.translate(x + quiet * module, y + quiet * module)
    c.scale(module, module)
    c.setFillColorRGB(0, 0, 0)
    c.addLiteral(run_ops(symbol.matrix) + "\nf")
    c.restoreState()
