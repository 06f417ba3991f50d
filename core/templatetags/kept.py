"""`{% keep %}`: a part of a template kept rendered in the process's memory (see
`core.fragments`), for the layout every page repeats (header, language switch, toolbar).

    {% keep "header" layout_key LANGUAGE_CODE request.path user.pk %}…{% endkeep %}

The name and the values after it are the key: they must name everything the part shows.
The first value is the layout key (`shop.context_processors.seller`): when it is empty
(no catalogue version to trust) the part is rendered each time. Forms inside get the
request's own CSRF token, never one kept from another reader.
"""

from __future__ import annotations

from django import template

from core.fragments import kept_html

register = template.Library()


class KeepNode(template.Node):
    def __init__(self, nodelist, name, layout_key, vary_on):
        self.nodelist, self.name, self.layout_key, self.vary_on = (
            nodelist,
            name,
            layout_key,
            vary_on,
        )

    def render(self, context) -> str:
        request, layout_key = getattr(context, "request", None), self.layout_key.resolve(context)
        key = None
        if request is not None and layout_key:
            key = ("keep", self.name, str(layout_key), *(v.resolve(context) for v in self.vary_on))

        def render_part(extra: dict) -> str:
            with context.push(extra):
                return self.nodelist.render(context)

        return kept_html(request, key, render_part)


@register.tag
def keep(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("{% keep %} needs a name and the layout key.")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    name = template.Variable(bits[1]).resolve({})
    return KeepNode(
        nodelist, name, parser.compile_filter(bits[2]), [parser.compile_filter(b) for b in bits[3:]]
    )
