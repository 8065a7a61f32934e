function (arg) { return { greeting: 'hello ' + arg.name, twice: arg.n * 2 } }
