"""Tests of the Natural Earth steps, on made-up shapes: `python3 -m unittest discover scripts/gazetteer`."""

import io
import os
import pickle
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))

import convert  # noqa: E402
import natural_earth as ne  # noqa: E402


def square(x0, y0, x1, y1):
    pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return ((x0, y0, x1, y1), pts)


def unpickle(obj_bytes):
    data = ne.RestrictedUnpickler(io.BytesIO(obj_bytes)).load()
    ne.check_plain(data)
    return data


class RestrictedUnpicklerTest(unittest.TestCase):
    def test_plain_data_loads(self):
        d = {"version": 3, "marine": [("Sea", (0.0, 0.0, 1.0, 1.0), [])], "n": None}
        self.assertEqual(unpickle(pickle.dumps(d)), d)

    def test_a_reference_to_a_function_is_refused(self):
        class Evil:
            def __reduce__(self):
                return (os.system, ("true",))

        with self.assertRaises(pickle.UnpicklingError):
            unpickle(pickle.dumps(Evil()))

    def test_a_container_that_is_not_plain_is_refused(self):
        with self.assertRaises(ValueError):
            unpickle(pickle.dumps({"x": {1, 2}}, protocol=4))


class ContainmentTest(unittest.TestCase):
    # A made-up country XX: a 10 x 10 degree mainland at the origin and an island far east.
    shapes = {"XX": [square(0, 0, 10, 10), square(40, 0, 41, 1)]}

    def test_points_outside_their_country_are_flagged(self):
        flags = ne.outside_country(
            [("XX", 5, 5), ("XX", 0.5, 40.5), ("XX", 5, 20), ("YY", 5, 20)], self.shapes)
        # Inside the mainland, on the island, in the sea, and in a country without an outline.
        self.assertEqual(flags, [False, False, True, False])

    def test_a_division_spanning_a_far_island_is_placed_on_the_mainland(self):
        # Towns on the mainland (lon 2..8) and one on the island (lon 40.5): the box middle
        # (lon 21.25) is in the sea.
        lats, lons = [5.0, 6.0, 0.5], [2.0, 8.0, 40.5]
        mid = (convert.division_point(lats), convert.division_point(lons))
        rows = [(1, 1, "Region", mid[0], mid[1], "XX", "A.ADM1", 0, 1, [])]
        moved = convert.place_divisions_inside(rows, {0: (lats, lons)}, self.shapes)
        self.assertEqual(moved, 1)
        self.assertEqual((rows[0][3], rows[0][4]), (5.5, 5.0))
        # Must not: a division whose middle is inside stays where it is.
        rows = [(1, 2, "Inland", 5.0, 5.0, "XX", "A.ADM2", 0, 1, [])]
        self.assertEqual(convert.place_divisions_inside(rows, {0: ([4, 6], [4, 6])}, self.shapes), 0)
        self.assertEqual((rows[0][3], rows[0][4]), (5.0, 5.0))

    def test_representative_points_are_inside(self):
        # An L-shaped sea whose area centroid falls outside it.
        ring = ((0, 0, 10, 10), [(0, 0), (10, 0), (10, 1), (1, 1), (1, 10), (0, 10)])
        lat, lon = ne.marine_point([ring])
        self.assertFalse(ne.outside_country([("ZZ", lat, lon)], {"ZZ": [ring]})[0])


if __name__ == "__main__":
    unittest.main()
