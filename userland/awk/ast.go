// SPDX-License-Identifier: Apache-2.0

package awk

import "github.com/linuxvfs/linuxvfs/internal/posixre"

// The expression nodes.
type (
	expr interface{}

	numLit struct{ v float64 }
	strLit struct{ s string }
	// regexLit is /re/: as an expression, $0 ~ /re/.
	regexLit struct {
		src string
		re  *posixre.Regexp
	}
	// varRef is a scalar or array variable: a global's slot or a
	// function's local (parameter) slot.
	varRef struct {
		name  string
		local bool
		idx   int
	}
	indexExpr struct {
		arr   *varRef
		index []expr
	}
	fieldExpr  struct{ index expr }
	assignExpr struct {
		lhs expr // *varRef, *indexExpr or *fieldExpr
		op  tok  // tAssign or a compound operator
		rhs expr
	}
	condExpr struct{ cond, yes, no expr }
	// binaryExpr is an arithmetic or comparison operator, && and ||;
	// op tConcat is concatenation.
	binaryExpr struct {
		op   tok
		l, r expr
	}
	matchExpr struct {
		neg  bool
		l, r expr
		line int
	}
	unaryExpr struct {
		op tok // tSub, tAdd, tNot
		e  expr
	}
	incrExpr struct {
		pre bool
		op  tok // tIncr or tDecr
		lv  expr
	}
	inExpr struct {
		index []expr
		arr   *varRef
	}
	callExpr struct {
		name string
		fn   *funcDef // resolved once every function is known
		args []expr
		line int
	}
	builtinExpr struct {
		name string
		args []expr
		line int
	}
	// getlineExpr is getline in its forms: from the main input
	// (src nil), from a file (tLT) or from a command (tPipe).
	getlineExpr struct {
		from tok
		src  expr
		lv   expr // nil: $0
	}
	// groupExpr is a parenthesized expression, kept so that print knows
	// "(a > b)" is a comparison.
	groupExpr struct{ e expr }
)

// tConcat marks concatenation in a binaryExpr.
const tConcat tok = -1

// The statement nodes.
type (
	stmt interface{}

	printStmt struct {
		printf bool
		args   []expr
		redir  tok // 0, tGT, tAppend or tPipe
		dest   expr
	}
	exprStmt struct{ e expr }
	ifStmt   struct {
		cond      expr
		then, els []stmt
	}
	whileStmt struct {
		cond expr
		body []stmt
	}
	doStmt struct {
		body []stmt
		cond expr
	}
	forStmt struct {
		init stmt // nil when absent
		cond expr // nil: always
		post stmt
		body []stmt
	}
	forInStmt struct {
		v    *varRef
		arr  *varRef
		body []stmt
	}
	blockStmt    struct{ body []stmt }
	nextStmt     struct{}
	nextfileStmt struct{}
	exitStmt     struct{ e expr }
	returnStmt   struct{ e expr }
	breakStmt    struct{}
	continueStmt struct{}
	deleteStmt   struct {
		arr   *varRef
		index []expr // nil: the whole array
	}
)

// item is a pattern-action pair of the main program.
type item struct {
	pattern  expr // nil: every record
	pattern2 expr // the end of a range pattern
	isRange  bool
	body     []stmt // nil: print $0
	hasBody  bool
	inRange  bool // a range between its start and its end
}

// funcDef is a user-defined function.
type funcDef struct {
	name   string
	params []string
	body   []stmt
	line   int
	// ptypes are the parameters' types as the body uses them.
	ptypes []int
}

// program is a parsed awk program.
type program struct {
	begins  [][]stmt
	ends    [][]stmt
	items   []*item
	funcs   map[string]*funcDef
	globals []string // names of the global variables, by slot
}
