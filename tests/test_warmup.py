"""A web server process warms itself as it starts (directory/warmup.py): every template
of the public pages compiles, and the world map is projected before the first visitor."""

from directory import warmup
from directory.maps import layers


def test_warming_compiles_every_public_template_and_projects_the_map():
    layers.country_paths.cache_clear()
    warmup.warm()  # raises if a template does not compile
    assert layers.country_paths.cache_info().currsize == 1
    jinja = set(warmup.template_names(warmup.TEMPLATES / "jinja2"))
    django = set(warmup.template_names(warmup.TEMPLATES))
    assert {"directory/community_detail.jinja", "directory/community_list.jinja"} <= jinja
    assert {"base.html", "directory/country_detail.html"} <= django
    assert not any(name.startswith(("admin/", "jinja2/")) for name in django)
