Creator "hostile values for influscope"
graph [
  directed 1
  node [
    id 1
    label "lemonde.fr"
    followers 120
  ]
  node [
    id 2
    label "liberation.fr"
  ]
  node [
    id 3
    label "lefigaro.fr"
    followers 1234567890123456789012345678901234567890
  ]
  node [
    id 4
    label "Jane Doe"
    verified "maybe"
  ]
  node [
    id 5
    label "mediapart.fr"
    score nan
  ]
  edge [
    source 2
    target 1
    weight nan
  ]
  edge [
    source 2
    target 1
    weight inf
  ]
  edge [
    source 2
    target 1
    weight -inf
  ]
  edge [
    source 2
    target 1
    weight 1e400
  ]
  edge [
    source 2
    target 1
    weight 2
  ]
  edge [
    source 2
    target 1
    weight 3
  ]
  edge [
    source 1
    target 1
  ]
  edge [
    source 1
    target 99
    weight 1e308
  ]
  edge [
    source 1
    target 99
    weight 1e308
  ]
  edge [
    source 2
    target 3
  ]
]
