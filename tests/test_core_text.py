from helpers.core import text as w


def test_count_singular_and_plural():
    assert w.count(1, "chip") == "1 chip"
    assert w.count(2, "chip") == "2 chips"
    assert w.count(0, "chip") == "0 chips"
    assert w.count(1200, "model") == "1,200 models"
    assert w.count(1, "country", "countries") == "1 country"
    assert w.count(3, "country", "countries") == "3 countries"
    assert w.count(1.5, "month") == "1.5 months"


def test_ordinal_suffixes():
    assert [w.ordinal(n) for n in (1, 2, 3, 4, 10, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "10th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "101st",
        "111th",
    ]


def test_sci_powers_of_ten():
    assert w.sci(1e25) == "10²⁵"
    assert w.sci(3.16e25) == "3.2×10²⁵"
    assert w.sci(9.99e24) == "10²⁵"
    assert w.sci(2e-3) == "2×10⁻³"
    assert w.sci(-5e26) == "-5×10²⁶"
    assert w.sci(float("nan")) == "n/a"
    assert w.sci(0) == "0"
    assert w.sci(1.234e21, digits=3) == "1.23×10²¹"


def test_and_join():
    assert w.and_join([]) == ""
    assert w.and_join(["H20"]) == "H20"
    assert w.and_join(["H20", "H200"]) == "H20 and H200"
    assert w.and_join(["A", "B", "C"]) == "A, B and C"


def test_a_setting_reads_as_words_not_identifiers():
    from helpers.core.text import setting

    assert setting("eci_tolerance", 3.0) == "eci tolerance = 3"
    assert setting("arena_category", "hard_prompts") == "arena category = hard prompts"
    assert setting("algorithms_diffuse", False) == "algorithms diffuse: no"
    assert setting("measures", ["gpqa_diamond", "eci"]) == "measures = gpqa diamond and eci"
