package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kumite/kumite/steps"
)

func (a *App) stepsCommand() *cli.Command {
	return &cli.Command{
		Name:  "steps",
		Usage: "list every step pattern with an example",
		Action: func(c *cli.Context) error {
			group := ""
			for _, d := range steps.Vocabulary() {
				if d.Group != group {
					if group != "" {
						fmt.Fprintln(a.Stdout)
					}
					group = d.Group
					fmt.Fprintf(a.Stdout, "%s\n", group)
				}
				fmt.Fprintf(a.Stdout, "  %s\n", d.Template)
				for _, line := range strings.Split(d.Example, "\n") {
					fmt.Fprintf(a.Stdout, "      e.g. %s\n", line)
				}
			}
			fmt.Fprint(a.Stdout, locatorHelp)
			return nil
		},
	}
}

const locatorHelp = `
Arguments go in double quotes (\" for a quote inside); ${name} is replaced by a
stored variable, a --var, or an environment variable. The keyword (Given, When,
Then, And, But, *) never matters.

Locators (LOC)
  #id, input[name=q]     CSS (the default)
  //a[@href], (//li)[2]  XPath: starts with /, ./ or (
  {a}Go to file          an <a> whose visible text is exactly that
  {^a}Go to              an <a> whose text contains that
  {}Sign in, {*}Sign in  any element with that text (the innermost)
  {li:2}Item             the 2nd <li> with that text
Actions use the first visible match and wait for it to be visible and enabled.
`
