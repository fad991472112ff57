Creator "written for influscope tests"
graph [
  undirected 1
  multigraph 1
  node [
    id 1
    label "lemonde.fr"
    value 0
    source "Manual"
  ]
  node [
    id 2
    label "Blog &amp; Co.blogspot.com"
    value 1
  ]
  node [
    id 3
    label "https://www.Example.org/blog/"
    value 1
  ]
  node [
    id 4
    label "Jane Doe"
  ]
  edge [
    source 1
    target 2
  ]
  edge [
    source 1
    target 2
  ]
  edge [
    source 2
    target 2
  ]
  edge [
    source 3
    target 1
  ]
  edge [
    source 4
    target 3
  ]
]
