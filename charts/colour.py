"""Contrast as WCAG 2.x defines it, so every label drawn on a shade is
chosen by the numbers rather than by eye."""

DARK_TEXT = "#1a1a1a"
LIGHT_TEXT = "#ffffff"
MIN_TEXT_CONTRAST = 4.5


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(hex_colour):
    """Relative luminance of #rrggbb."""
    digits = hex_colour.lstrip("#")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(fill):
    """The text colour (dark or white) that reads best on `fill`; a fill on
    which neither reaches 4.5:1 is a palette error, not a rendering choice."""
    best = max((DARK_TEXT, LIGHT_TEXT), key=lambda text: contrast(text, fill))
    if contrast(best, fill) < MIN_TEXT_CONTRAST:
        raise ValueError(f"neither dark nor white text reaches {MIN_TEXT_CONTRAST}:1 on {fill}")
    return best
